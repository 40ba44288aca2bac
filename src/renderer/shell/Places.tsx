// Which screen shows for a route: one folder a place under src/renderer/screens/.

import { ContactsScreen } from '../screens/contacts/ContactsScreen.js';
import { ExchangeScreen } from '../screens/exchange/ExchangeScreen.js';
import { GroupsScreen } from '../screens/groups/GroupsScreen.js';
import { SettingsScreen } from '../screens/settings/SettingsScreen.js';
import { StatementsScreen } from '../screens/statements/StatementsScreen.js';
import { WriteScreen } from '../screens/write/WriteScreen.js';
import { routeKey, useRoute } from './route.js';

export function Places() {
  const { route } = useRoute();
  const key = routeKey(route);
  switch (route.place) {
    case 'statements':
      return <StatementsScreen key={key} route={route} />;
    case 'write':
      return <WriteScreen key={key} route={route} />;
    case 'groups':
      return <GroupsScreen key={key} route={route} />;
    case 'contacts':
      return <ContactsScreen key={key} route={route} />;
    case 'exchange':
      return <ExchangeScreen key={key} route={route} />;
    case 'settings':
      return <SettingsScreen key={key} route={route} />;
  }
}
