// One group of mine: its trust, a fork said plainly (its branches, who signed each, what the
// members must do, and the branch to act on), the changes waiting for signatures (k of n, Approve
// unless I signed), its members (me marked; a compromised key marked), its rules, what I can change
// (each a dialog that says what came of it), its fingerprint to read to others, and its history,
// one sentence per link.

import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Label, Radio, RadioGroup } from 'react-aria-components';
import type { ForkBranch, GroupDetail, PendingChange } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { PageHeading } from '../../components/PageHeading.js';
import { TrustBadge } from '../../components/TrustBadge.js';
import { useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { Fingerprint } from '../contacts/ContactPage.js';
import { LookalikeNote } from '../contacts/LookalikeNote.js';
import { useIntlWords } from '../statements/words.js';
import { ApproveDialog, ChangeDialog, type ChangeKind } from './ChangeDialogs.js';
import { Warning } from './FoundDialog.js';
import { belowMajority, GroupWords, warningWords, type Translate } from './words.js';

/** The changes a member can propose, in the order the page offers them. */
const CHANGE_KINDS: readonly ChangeKind[] = ['add', 'remove', 'thresholds', 'rename', 'rotate', 'compromise'];

export function GroupPage({ id, founded, warnings }: { id: string; founded: boolean; warnings: string[] }) {
  const { t } = useTranslation('groups');
  const { navigate } = useRoute();
  const shown = useChannel('groups:show', { groupId: id });
  const g = shown.data;
  return (
    <article className="groups-place group-page">
      <Button className="back-link" onPress={() => navigate({ place: 'groups' })}>
        <span aria-hidden="true">← </span>
        {t('back')}
      </Button>
      <div className="page-title">
        <PageHeading>{g ? <bdi>{g.name}</bdi> : shown.error ? t('detail.fallback') : t('loading', { ns: 'common' })}</PageHeading>
        {g && <TrustBadge trust={g.state} />}
      </div>
      {shown.error && <ErrorText error={shown.error} screen="groups" />}
      {g && <Loaded group={g} founded={founded} warnings={warnings} />}
    </article>
  );
}

export function useGroupWords(g: GroupDetail): GroupWords {
  const { t } = useTranslation('groups');
  const { list } = useIntlWords();
  return useMemo(() => new GroupWords(g, ((k, v) => t(k, v ?? {})) as Translate, list), [g, t, list]);
}

function Loaded({ group: g, founded, warnings }: { group: GroupDetail; founded: boolean; warnings: string[] }) {
  const { t } = useTranslation('groups');
  const { navigate } = useRoute();
  const words = useGroupWords(g);
  const [branch, setBranch] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ChangeKind | null>(null);
  const [approving, setApproving] = useState<PendingChange | null>(null);
  const say = ((k, v) => t(k, v ?? {})) as Translate;
  const me = g.members.find((m) => m.me);
  const canAct = g.mine && (!g.fork || branch !== null);
  const branchNo = (linkId: string | null) => (linkId === null ? 0 : g.branches.findIndex((b) => b.linkId === linkId) + 1);

  return (
    <>
      {founded && (
        <div className="done-note" role="status">
          <p>{t('founded.done', { name: g.name })}</p>
          <p>{t('founded.next')}</p>
        </div>
      )}
      {/* Founding below a majority: the standing warning below says it (and stays while it holds). */}
      {warnings.length > 0 &&
        warningWords(
          warnings.filter((w) => w !== 'membership-below-majority'),
          say,
          { members: g.members.length, membership: g.membershipThreshold },
        ).map((w, i) => <Warning key={i} text={w} />)}
      <LookalikeNote name={g.name} trust={g.state} full />
      {g.state.state === 'unverified' && (
        <div className="unverified-note">
          <Icon name="question" size={20} />
          <p>
            {t('detail.unverified')}{' '}
            <Button onPress={() => navigate({ place: 'contacts', id: g.groupId, params: { compare: '1' } })}>{t('action.compare')}</Button>
          </p>
        </div>
      )}
      {g.state.state === 'broken' && g.state.problem === 'invalid-chain' && (
        <p className="problem-note">
          <Icon name="crossed" size={20} />
          <span>{t('detail.invalidChain')}</span>
        </p>
      )}
      {g.fork && <Fork group={g} words={words} branch={branch} onBranch={setBranch} />}
      {me && me.signKey === null && <Warning text={t('detail.myKeyCompromised')} />}
      {belowMajority(g.members.length, g.membershipThreshold) && (
        <Warning text={warningWords(['membership-below-majority'], say, { members: g.members.length, membership: g.membershipThreshold })[0] ?? ''} />
      )}

      {g.pending.length > 0 && (
        <Section id="group-pending" heading={t('pending.heading', { count: g.pending.length })}>
          <ul className="pending-list">
            {g.pending.map((p) => (
              <PendingItem key={p.linkId} change={p} words={words} branchNo={branchNo(p.branch)} canApprove={g.mine} onApprove={() => setApproving(p)} />
            ))}
          </ul>
        </Section>
      )}

      <Section id="group-members" heading={t('members.heading', { count: g.members.length })}>
        <ul className="member-list">
          {g.members.map((m) => (
            <li key={m.memberId} className={m.signKey === null ? 'compromised' : undefined}>
              <Icon name="person" size={16} /> <bdi className="name">{m.name}</bdi>
              {m.me && <span className="me-mark"> {t('members.you')}</span>}
              {m.signKey === null && (
                <span className="compromised-mark">
                  {' '}
                  <Icon name="crossed" size={16} /> {t('members.compromised')}
                </span>
              )}
            </li>
          ))}
        </ul>
        {g.removed.length > 0 && <p className="muted">{t('members.removed', { names: words.list(g.removed.map((m) => m.name)), count: g.removed.length })}</p>}
        <p>{t('rules.now', { ...words.rules({ release: g.releaseThreshold, membership: g.membershipThreshold }) })}</p>
      </Section>

      {g.mine && (
        <Section id="group-change" heading={t('change.heading')}>
          {g.fork && !branch && <p className="muted">{t('change.chooseBranch')}</p>}
          {g.fork && branch && <p className="muted">{t('change.onBranch', { n: branchNo(branch) })}</p>}
          {!g.fork && <p className="muted">{t('change.help', { count: g.membershipThreshold })}</p>}
          <div className="actions change-actions">
            {CHANGE_KINDS.map((kind) => (
              <Button key={kind} className={kind === 'compromise' ? 'danger-outline' : ''} isDisabled={!canAct} onPress={() => setDialog(kind)}>
                {t(`action.${kind}`)}
              </Button>
            ))}
          </div>
        </Section>
      )}

      <Section id="group-fingerprint" heading={t('fingerprint.heading')}>
        <p>{t('fingerprint.body')}</p>
        <Fingerprint groupId={g.groupId} name={g.name} />
      </Section>

      <Section id="group-history" heading={t('history.heading')}>
        <ol className="history-list">
          {g.history.map((e) => (
            <li key={e.linkId} value={e.seq + 1}>
              {words.event(e)}
            </li>
          ))}
        </ol>
        {g.fork && <p className="muted">{t('history.forkAfter')}</p>}
      </Section>

      {dialog && <ChangeDialog kind={dialog} group={g} branch={g.fork ? branch : null} branchNo={branchNo(branch)} words={words} onClose={() => setDialog(null)} />}
      {approving && <ApproveDialog change={approving} group={g} words={words} onClose={() => setApproving(null)} />}
    </>
  );
}

function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="place-section" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

function PendingItem({ change: p, words, branchNo, canApprove, onApprove }: { change: PendingChange; words: GroupWords; branchNo: number; canApprove: boolean; onApprove: () => void }) {
  const { t } = useTranslation('groups');
  const id = useId();
  return (
    <li className="pending-item" data-link={p.linkId}>
      <p id={id} className="pending-what">
        <Icon name="clock" size={18} /> <span>{words.pending(p)}</span>
      </p>
      <p className="pending-count">
        {t('pending.count', { have: p.signatures, count: p.needed })}
        {branchNo > 0 && <> · {t('pending.onBranch', { n: branchNo })}</>}
      </p>
      {p.signedByMe ? (
        <p className="muted">{t('pending.signedByMe', { count: Math.max(1, p.needed - p.signatures) })}</p>
      ) : (
        canApprove && (
          <div className="actions">
            <Button className="primary" aria-describedby={id} onPress={onApprove}>
              {t('action.approve')}
            </Button>
          </div>
        )
      )}
    </li>
  );
}

function Fork({ group: g, words, branch, onBranch }: { group: GroupDetail; words: GroupWords; branch: string | null; onBranch: (b: string) => void }) {
  const { t } = useTranslation('groups');
  return (
    <section className="fork-section" aria-labelledby="group-fork">
      <h2 id="group-fork">
        <Icon name="crossed" size={22} /> {t('fork.heading')}
      </h2>
      <p>{t('fork.what', { count: g.branches.length })}</p>
      <ol className="branch-list">
        {g.branches.map((b, i) => (
          <Branch key={b.linkId} n={i + 1} branch={b} words={words} />
        ))}
      </ol>
      <p>
        <strong>{t('fork.todo.title')}</strong> {t('fork.todo.body')}
      </p>
      {g.mine && (
        <RadioGroup className="choice-list" value={branch} onChange={onBranch}>
          <Label>{t('fork.choose')}</Label>
          {g.branches.map((b, i) => (
            <Radio key={b.linkId} value={b.linkId} className="choice">
              {t('fork.branchOption', { n: i + 1, name: b.name })}
            </Radio>
          ))}
        </RadioGroup>
      )}
    </section>
  );
}

function Branch({ n, branch: b, words }: { n: number; branch: ForkBranch; words: GroupWords }) {
  const { t } = useTranslation('groups');
  const w = words.branch(b);
  return (
    <li className="branch" data-link={b.linkId}>
      <p>
        <strong>{t('fork.branch', { n })}</strong> {t('fork.branchLine', { change: w.change, signed: w.signed })}
      </p>
      <p>{w.leaves}</p>
      <p className="muted">{t('fork.linkId', { id: b.linkId.slice(0, 12) })}</p>
    </li>
  );
}
