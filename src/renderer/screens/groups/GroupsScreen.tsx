// The groups place: the groups I am a member of (route { place: 'groups' }), founding a new one,
// and one group with its members, rules, history, pending changes and forks ({ id }).

import type { Route } from '../../shell/route.js';
import { GroupList } from './GroupList.js';
import { GroupPage } from './GroupPage.js';
import './groups.css';

export function GroupsScreen({ route }: { route: Route }) {
  if (!route.id) return <GroupList />;
  const warnings = route.params?.['warnings'];
  return <GroupPage id={route.id} founded={route.params?.['founded'] === '1'} warnings={warnings ? warnings.split(',') : []} />;
}
