// The statements place: the list of everything held (route { place: 'statements' }), or one
// statement (route { place: 'statements', id }). Back returns to the list as it was left.

import type { Route } from '../../shell/route.js';
import { StatementDetail } from './StatementDetail.js';
import { StatementList } from './StatementList.js';
import './statements.css';

export function StatementsScreen({ route }: { route: Route }) {
  return route.id ? <StatementDetail id={route.id} /> : <StatementList />;
}
