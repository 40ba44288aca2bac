// The changes a member proposes (each signed by her at once; it applies once enough members sign):
// add a member from her card, remove a member, new thresholds, a new name, new keys of my own, a
// key marked compromised (an alert dialog: it voids every signature made with that key). And
// approving a change another member proposed. Each dialog ends by saying what came of it: applied,
// or how many more signatures it needs and how to get them.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, Input, Label, Radio, RadioGroup, Text, TextField } from 'react-aria-components';
import type { GroupChange, GroupDetail, LinkOutcome, PendingChange } from '../../../shared/view-models.js';
import { filesApi } from '../../bridge-files-dom.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useAction } from '../../data/query.js';
import { fileNameOf } from '../firstrun/card.js';
import { Warning } from './FoundDialog.js';
import { ThresholdSelect } from './ThresholdSelect.js';
import { belowMajority, outcomeWords, warningWords, type GroupWords, type Translate } from './words.js';

const PROPOSED = 'proposed';
const APPROVED = 'approved';

export type ChangeKind = 'add' | 'remove' | 'thresholds' | 'rename' | 'rotate' | 'compromise';

/** What a change of the chain makes stale: the group, the lists, and the verdicts of its statements. */
export const CHANGED = ['groups:show', 'groups:list', 'groups:fingerprint', 'statements:list', 'statements:show', 'statements:verify'] as const;

function useSay(): Translate {
  const { t } = useTranslation('groups');
  return ((k, v) => t(k, v ?? {})) as Translate;
}

export function ChangeDialog({ kind, group: g, branch, branchNo, words, onClose }: { kind: ChangeKind; group: GroupDetail; branch: string | null; branchNo: number; words: GroupWords; onClose: () => void }) {
  const { t } = useTranslation('groups');
  const change = useAction('groups:change', { invalidates: CHANGED });
  const [thresholds, setThresholds] = useState<{ release: number; membership: number } | null>(null);
  const propose = (c: GroupChange) => {
    if (c.op === 'thresholds') setThresholds({ release: c.release, membership: c.membership });
    change.mutate({ groupId: g.groupId, change: c, ...(branch ? { branch } : {}) });
  };
  const done = change.data;
  return (
    <Dialog title={t(`${kind}.title`)} isOpen onClose={onClose} alert={kind === 'compromise'}>
      {done ? (
        <OutcomeFor outcome={done} members={g.members.length} membership={thresholds?.membership ?? g.membershipThreshold} onClose={onClose} />
      ) : (
        <>
          {branch && <p className="muted">{t('change.onBranch', { n: branchNo })}</p>}
          {kind === 'add' && <AddMember busy={change.isPending} onPropose={propose} onCancel={onClose} />}
          {kind === 'remove' && <RemoveMember group={g} busy={change.isPending} onPropose={propose} onCancel={onClose} />}
          {kind === 'thresholds' && <NewThresholds group={g} words={words} busy={change.isPending} onPropose={propose} onCancel={onClose} />}
          {kind === 'rename' && <Rename group={g} busy={change.isPending} onPropose={propose} onCancel={onClose} />}
          {kind === 'rotate' && <Rotate group={g} busy={change.isPending} onPropose={propose} onCancel={onClose} />}
          {kind === 'compromise' && <Compromise group={g} busy={change.isPending} onPropose={propose} onCancel={onClose} />}
          {change.error && <ErrorText error={change.error} screen="groups" />}
        </>
      )}
    </Dialog>
  );
}

function OutcomeFor({ outcome, members, membership, onClose }: { outcome: LinkOutcome; members: number; membership: number; onClose: () => void }) {
  const { t } = useTranslation('groups');
  const say = useSay();
  return (
    <>
      <p className={outcome.applied ? 'done-note' : 'pending-note'} role="status" data-applied={outcome.applied}>
        {outcomeWords(outcome, say, PROPOSED)}
      </p>
      {warningWords(outcome.warnings, say, { members, membership }).map((w, i) => (
        <Warning key={i} text={w} />
      ))}
      <div className="actions">
        <Button className="primary" onPress={onClose} autoFocus>
          {t('close', { ns: 'common' })}
        </Button>
      </div>
    </>
  );
}

interface StepProps {
  busy: boolean;
  onPropose: (c: GroupChange) => void;
  onCancel: () => void;
}

function Buttons({ busy, onCancel, label, danger = false, disabled = false }: { busy: boolean; onCancel: () => void; label: string; danger?: boolean; disabled?: boolean }) {
  const { t } = useTranslation('groups');
  return (
    <div className="actions">
      <Button onPress={onCancel}>{t('cancel', { ns: 'common' })}</Button>
      <Button type="submit" className={danger ? 'danger' : 'primary'} isDisabled={busy || disabled}>
        {busy ? t('change.signing') : label}
      </Button>
    </div>
  );
}

function AddMember({ busy, onPropose, onCancel }: StepProps) {
  const { t } = useTranslation('groups');
  const [card, setCard] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const choose = async () => {
    setFailure(null);
    try {
      const paths = await filesApi().open({ purpose: 'card', multiple: false });
      if (paths?.[0]) {
        setCard(paths[0]);
        setMissing(false);
      }
    } catch (err) {
      setFailure(err);
    }
  };
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (card) onPropose({ op: 'add', card });
        else setMissing(true);
      }}
    >
      <p>{t('add.body')}</p>
      <div className="chosen-card">
        <Button onPress={() => void choose()}>{card ? t('add.chooseOther') : t('add.choose')}</Button>{' '}
        {card ? <bdi className="file-name">{fileNameOf(card)}</bdi> : <span className="muted">{t('add.none')}</span>}
      </div>
      {missing && (
        <p className="error" role="alert">
          {t('add.missing')}
        </p>
      )}
      {failure !== null && <ErrorText error={failure} screen="groups" />}
      <Buttons busy={busy} onCancel={onCancel} label={t('add.submit')} />
    </Form>
  );
}

function MemberChoice({ group: g, value, onChange, label, who }: { group: GroupDetail; value: string | null; onChange: (id: string) => void; label: string; who: 'others' | 'keys' }) {
  const { t } = useTranslation('groups');
  const members = who === 'others' ? g.members.filter((m) => !m.me) : g.members.filter((m) => m.signKey !== null);
  return (
    <RadioGroup className="choice-list" value={value} onChange={onChange} isRequired>
      <Label>{label}</Label>
      {members.map((m) => (
        <Radio key={m.memberId} value={m.memberId} className="choice">
          <bdi>{m.name}</bdi>
          {m.me && <span className="me-mark"> {t('members.you')}</span>}
          {who === 'keys' && m.signKey && <span className="muted key-start"> {t('compromise.keyStart', { key: m.signKey.slice(0, 8) })}</span>}
        </Radio>
      ))}
    </RadioGroup>
  );
}

function RemoveMember({ group: g, busy, onPropose, onCancel }: StepProps & { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  const [member, setMember] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (member) onPropose({ op: 'remove', memberId: member });
        else setMissing(true);
      }}
    >
      <p>{t('remove.body')}</p>
      <MemberChoice
        group={g}
        who="others"
        value={member}
        onChange={(m) => {
          setMember(m);
          setMissing(false);
        }}
        label={t('remove.who')}
      />
      {missing && (
        <p className="error" role="alert">
          {t('remove.missing')}
        </p>
      )}
      <Buttons busy={busy} onCancel={onCancel} label={t('remove.submit')} />
    </Form>
  );
}

function NewThresholds({ group: g, words, busy, onPropose, onCancel }: StepProps & { group: GroupDetail; words: GroupWords }) {
  const { t } = useTranslation('groups');
  const say = useSay();
  const n = g.members.length;
  const [release, setRelease] = useState(g.releaseThreshold);
  const [membership, setMembership] = useState(g.membershipThreshold);
  const unchanged = release === g.releaseThreshold && membership === g.membershipThreshold;
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (!unchanged) onPropose({ op: 'thresholds', release, membership });
      }}
    >
      <p>{t('rules.now', words.rules({ release: g.releaseThreshold, membership: g.membershipThreshold }))}</p>
      <ThresholdSelect label={t('found.release')} value={release} members={n} onChange={setRelease} />
      <ThresholdSelect label={t('found.membership')} value={membership} members={n} onChange={setMembership} />
      {belowMajority(n, membership) && <Warning text={warningWords(['membership-below-majority'], say, { members: n, membership })[0] ?? ''} />}
      {unchanged && <p className="muted">{t('thresholds.unchanged')}</p>}
      <Buttons busy={busy} onCancel={onCancel} label={t('thresholds.submit')} disabled={unchanged} />
    </Form>
  );
}

function Rename({ group: g, busy, onPropose, onCancel }: StepProps & { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  const [name, setName] = useState(g.name);
  const clean = name.trim();
  const unchanged = clean === '' || clean === g.name;
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (!unchanged) onPropose({ op: 'rename', name: clean });
      }}
    >
      <TextField className="field" value={name} onChange={setName} maxLength={200} autoFocus>
        <Label>{t('rename.name')}</Label>
        <Input />
        <Text slot="description" className="description">
          {t('rename.help')}
        </Text>
      </TextField>
      <Buttons busy={busy} onCancel={onCancel} label={t('rename.submit')} disabled={unchanged} />
    </Form>
  );
}

function Rotate({ group: g, busy, onPropose, onCancel }: StepProps & { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        onPropose({ op: 'rotate' });
      }}
    >
      <p>{t('rotate.body')}</p>
      <p className="muted">{t('rotate.others', { count: g.membershipThreshold })}</p>
      <Buttons busy={busy} onCancel={onCancel} label={t('rotate.submit')} />
    </Form>
  );
}

function Compromise({ group: g, busy, onPropose, onCancel }: StepProps & { group: GroupDetail }) {
  const { t } = useTranslation('groups');
  const [member, setMember] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const key = g.members.find((m) => m.memberId === member)?.signKey ?? null;
  return (
    <Form
      onSubmit={(e) => {
        e.preventDefault();
        if (key) onPropose({ op: 'compromise', key });
        else setMissing(true);
      }}
    >
      <Warning text={t('compromise.serious')} />
      <p>{t('compromise.body')}</p>
      <MemberChoice
        group={g}
        who="keys"
        value={member}
        onChange={(m) => {
          setMember(m);
          setMissing(false);
        }}
        label={t('compromise.who')}
      />
      {missing && (
        <p className="error" role="alert">
          {t('compromise.missing')}
        </p>
      )}
      <Buttons busy={busy} onCancel={onCancel} label={t('compromise.submit')} danger />
    </Form>
  );
}

/** Approving a change another member proposed: what it does, where it stands, my signature added. */
export function ApproveDialog({ change: p, group: g, words, onClose }: { change: PendingChange; group: GroupDetail; words: GroupWords; onClose: () => void }) {
  const { t } = useTranslation('groups');
  const say = useSay();
  const approve = useAction('groups:approve', { invalidates: CHANGED });
  const done = approve.data;
  return (
    <Dialog title={t('approve.title')} isOpen onClose={onClose}>
      {done ? (
        <>
          <p className={done.applied ? 'done-note' : 'pending-note'} role="status" data-applied={done.applied}>
            {outcomeWords(done, say, APPROVED)}
          </p>
          <div className="actions">
            <Button className="primary" onPress={onClose} autoFocus>
              {t('close', { ns: 'common' })}
            </Button>
          </div>
        </>
      ) : (
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            approve.mutate({ linkId: p.linkId });
          }}
        >
          <p className="pending-what">{words.pending(p)}</p>
          <p>{t('approve.body', { have: p.signatures, count: p.needed, name: g.name })}</p>
          {approve.error && <ErrorText error={approve.error} screen="groups" />}
          <Buttons busy={approve.isPending} onCancel={onClose} label={t('approve.submit')} />
        </Form>
      )}
    </Dialog>
  );
}
