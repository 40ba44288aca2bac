// VERIFY.txt: how to check statement.txt with signify and minisign, and what that does not prove.
import type { SignatureRole } from '../model/types.js';

export interface SignerGroup {
  id: string;
  /** The group's current name, from its chain. */
  name: string;
  fingerprint: string;
  /** `release` for an author group, `endorse` for another group that co-signs. */
  role: SignatureRole;
}

export interface VerifyTextInput {
  statementId: string;
  /** The name under which her first group lists the signer. */
  signerName: string;
  /** Hex of the 32-byte Ed25519 public key. */
  key: string;
  keyid: string;
  /** The groups for which her signature counts. */
  groups: readonly SignerGroup[];
}

/** The text of VERIFY.txt (LF line ends, ending with one LF). */
export function renderVerifyText(input: VerifyTextInput): string {
  const pub = `${input.keyid}.pub`;
  const lines = [
    'How to check statement.txt without Samizdat',
    '',
    `statement.txt is signed by ${input.signerName} with the Ed25519 key in ${pub}.`,
    'In this folder, run one of these; it must report the signature verified:',
    '',
    `  signify-openbsd -V -p ${pub} -m statement.txt    (Debian, Ubuntu)`,
    `  signify -V -p ${pub} -m statement.txt            (OpenBSD)`,
    `  minisign -V -p ${pub} -m statement.txt`,
    '',
    'signify reads statement.txt.sig; minisign reads statement.txt.minisig and shows its',
    "trusted comment, which names the statement, the signer's group(s) and the signer.",
    '',
    'What this proves, and what it does not:',
    '- The signatures cover statement.txt only, byte for byte: not this file, not the key file.',
    '- They prove that the holder of the key in the .pub file signed statement.txt. Anyone can',
    '  make a key: compare the key below with one you had from the group, not from this folder.',
    "- Whether the key belongs to a current member of the group, whether the group's chain of",
    '  members is intact and whether enough members released the statement (its release',
    '  threshold) is checked by Samizdat, not by these tools:',
    `    samizdat verify ${input.statementId}`,
    "  on a device that holds the group's chain, or samizdat check on a bundle of the statement.",
    '- Compare each fingerprint (safety number) below and at the end of statement.txt with the',
    '  one the group gave you in person or over another channel you trust.',
    '',
    `Signer: ${input.signerName}`,
    `Key: ${input.key}`,
    `Key-id: ${input.keyid}`,
  ];
  for (const g of input.groups) {
    lines.push(`Group: ${g.name} ${g.id} (${g.role === 'release' ? 'author group, release signature' : 'endorsing group, endorse signature'})`);
    lines.push(`Fingerprint: ${g.fingerprint}`);
  }
  lines.push(`Statement: ${input.statementId}`);
  return `${lines.join('\n')}\n`;
}
