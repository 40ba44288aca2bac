// Known answers for the text export. The key is the Ed25519 key of the seed 00 01 02 ... 1f. The
// expected .sig and .minisig lines were produced by the tools themselves, signify-openbsd 31 and
// minisign 0.11 (Debian), signing statement.txt below with secret-key files built from this seed
// (signify: kdfrounds 0; minisign: -W, unencrypted); our encoders must give the same bytes.
import { makeStatement } from '../../../src/core/model/build.js';
import type { Statement } from '../../../src/core/model/types.js';

export const SEED = new Uint8Array([...Array(32).keys()]);
export const PUBLIC_KEY_HEX = '03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8';
/** First 8 bytes of SHA-256 of the public key. */
export const KEYID_HEX = '56475aa75463474c';

export const GROUP_1 = '11'.repeat(32);
export const GROUP_2 = '22'.repeat(32);
export const FINGERPRINT_1 = '08919 80248 92957 81851 59364 33677 19993 89688 81364 44812 30025 61242';
export const FINGERPRINT_2 = '12129 74081 32314 72061 67490 77673 50899 89300 77479 23126 35559 87422';

export const STATEMENT: Statement = makeStatement({
  authors: [GROUP_1, GROUP_2],
  title: 'Against the war',
  lang: 'en',
  date: '24 February 2026',
  body: 'Нет войне!\n\nWe refuse to fight.\n',
  relations: [{ type: 'translation-of', id: 'ab'.repeat(32) }],
  attachments: [{ id: 'cd'.repeat(32), name: 'leaflet 1.pdf', mediaType: 'application/pdf', size: 1234 }],
});
/** Its canonical bytes (JCS), whose SHA-256 is STATEMENT_ID. */
export const STATEMENT_JSON =
  '{"attachments":[{"id":"cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd","mediaType":"application/pdf","name":"leaflet 1.pdf","size":1234}],"authors":["1111111111111111111111111111111111111111111111111111111111111111","2222222222222222222222222222222222222222222222222222222222222222"],"body":"Нет войне!\\n\\nWe refuse to fight.\\n","date":"24 February 2026","lang":"en","relations":[{"id":"abababababababababababababababababababababababababababababababab","type":"translation-of"}],"title":"Against the war","type":"statement","v":1}';
export const STATEMENT_ID = 'dc941a2bad8243b0861a84d2d31730b5f4f0bb09010414ab9fd5bfad57202714';
export const GROUPS = [
  { id: GROUP_1, name: 'KRAS-IWA', fingerprint: FINGERPRINT_1 },
  { id: GROUP_2, name: 'Union Two', fingerprint: FINGERPRINT_2 },
];

export const STATEMENT_TXT = [
  'Against the war',
  '',
  'Нет войне!',
  '',
  'We refuse to fight.',
  '',
  '',
  `Statement: ${STATEMENT_ID}`,
  'Date: 24 February 2026',
  'Language: en',
  `Group: KRAS-IWA ${GROUP_1}`,
  `Fingerprint: ${FINGERPRINT_1}`,
  `Group: Union Two ${GROUP_2}`,
  `Fingerprint: ${FINGERPRINT_2}`,
  `Translation-of: ${'ab'.repeat(32)}`,
  `Attachment: ${'cd'.repeat(32)} 1234 application/pdf leaflet 1.pdf`,
  '',
].join('\n');

/** BLAKE2b-512 of STATEMENT_TXT: what the .minisig signature signs. */
export const STATEMENT_TXT_BLAKE2B =
  'cb9ffe8b4d5286c7e6a4a673cf4056f3c8c66e82d8f0dd091f7105b70e26cc0a87978bd08249fb9e4d1db0b6e698444e425a56966d337f1a36923026b33e59a4';

export const PUB_FILE = ['untrusted comment: samizdat public key 56475aa75463474c', 'RWRWR1qnVGNHTAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4', ''].join('\n');

export const SIG_FILE = [
  'untrusted comment: verify with 56475aa75463474c.pub',
  'RWRWR1qnVGNHTEMl3b2SHW0S/G+TSNVJAMkE1RQmVWOhhkLyCjeVE4KITqDSorQdJe0iLWzdO1EbbzG1nSH43law/6JVRBDs1Aw=',
  '',
].join('\n');

export const TRUSTED_COMMENT = `samizdat statement ${STATEMENT_ID} group ${GROUP_1} signer Olga`;

export const MINISIG_FILE = [
  'untrusted comment: verify with 56475aa75463474c.pub',
  'RURWR1qnVGNHTEbhLSPAT0/oOJRDf/NA3prqXOHICt93icCYlUCrWMIUpoVGHo3rOM2SDQsNdSlMMHcta9F/ZIeWTi9womst0gw=',
  `trusted comment: ${TRUSTED_COMMENT}`,
  'TpnyJwQu6xDm1yh0rZFmHQJLHxWoW7GOpjs9CnOgY2QYgFHg4M/9yKvlRfZByD4FPm/ai+d2mNxBh73itirnBg==',
  '',
].join('\n');
