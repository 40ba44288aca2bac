// The Write place: a new statement, or one that relates to another (route { place: 'write',
// params: { relation, target } }, set by the Statements place), with the drafts of my groups still
// waiting for signatures below it; and, once saved, the draft itself (route { place: 'write', id }):
// sign it now, then send it to its groups' members on a stick or as a file.

import type { Route } from '../../shell/route.js';
import { Compose } from './Compose.js';
import { SAVED_PARAM, startingPoint } from './compose.js';
import { DraftPage } from './DraftPage.js';
import { Drafts } from './Drafts.js';
import './write.css';

export function WriteScreen({ route }: { route: Route }) {
  if (route.id) return <DraftPage id={route.id} justSaved={route.params?.[SAVED_PARAM] !== undefined} />;
  const start = startingPoint(route.params);
  return (
    <div className="write-screen">
      <Compose start={start} />
      {!start && <Drafts />}
    </div>
  );
}
