// The contacts place: every group I know that is not mine, with its trust (route { place:
// 'contacts' }); one group with its fingerprint and QR code ({ id }); and the comparison that marks
// it verified ({ id, params: { compare: '1' } }).

import type { Route } from '../../shell/route.js';
import { Compare } from './Compare.js';
import { ContactList } from './ContactList.js';
import { ContactPage } from './ContactPage.js';
import '../groups/groups.css';
import './contacts.css';

export function ContactsScreen({ route }: { route: Route }) {
  if (!route.id) return <ContactList />;
  if (route.params?.['compare'] === '1') return <Compare id={route.id} />;
  return <ContactPage id={route.id} verified={route.params?.['verified'] === '1'} />;
}
