// What the person can do with the statement open: sign it for her group, endorse it for another of
// her groups, export it (Exchange, with it chosen), save it as plain text into a folder, and write a
// translation, an introduction, a response or a revision of it. Signing and endorsing ask first,
// name the group, and say afterwards where the statement stands.

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Label, Menu, MenuItem, MenuTrigger, Popover, Radio, RadioGroup } from 'react-aria-components';
import type { GroupSummary, SignOutcome, StatementView, TextExportResult } from '../../../shared/view-models.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { ApiError } from '../../data/api.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { verdictOf } from '../../components/trust.js';
import { useAction, useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { FolderPickerDialog, inBrowserMode } from './FolderPicker.js';
import { folderNameOf } from './paths.js';

/** What signing changes: the statement, its report, the list's badges, the groups' counts. */
const SIGNED = ['statements:show', 'statements:verify', 'statements:list', 'groups:list'] as const;

type WriteRelation = 'translation-of' | 'introduces' | 'responds-to' | 'revises';

interface Choice {
  groupId: string;
  name: string;
  trust: GroupSummary['state'];
}

export function Actions({ statement, groups }: { statement: StatementView; groups: GroupSummary[] | undefined }) {
  const { t } = useTranslation('statements');
  const { navigate } = useRoute();
  const authorIds = new Set(statement.authors.map((a) => a.groupId));
  const mine = (groups ?? []).filter((g) => g.mine);
  // Sign for an author group I am a member of; when groups:list is not known, the authors the app calls mine.
  const signFor: Choice[] = groups
    ? mine.filter((g) => authorIds.has(g.groupId)).map((g) => ({ groupId: g.groupId, name: g.name, trust: g.state }))
    : statement.authors.filter((a) => a.trust.state === 'mine').map((a) => ({ groupId: a.groupId, name: a.name, trust: a.trust }));
  const endorseFor: Choice[] = mine.filter((g) => !authorIds.has(g.groupId)).map((g) => ({ groupId: g.groupId, name: g.name, trust: g.state }));
  const canRevise = signFor.length > 0;
  const [dialog, setDialog] = useState<'sign' | 'endorse' | null>(null);
  const [outcome, setOutcome] = useState<SignOutcome | null>(null);
  const text = useTextExport(statement);
  const signedByMe = useSignedByMe(statement.id);

  const write = (relation: WriteRelation) => navigate({ place: 'write', params: { relation, target: statement.id } });
  const relations: WriteRelation[] = ['translation-of', 'introduces', 'responds-to', ...(canRevise ? (['revises'] as const) : [])];

  return (
    <div className="statement-actions">
      <div className="actions" role="group" aria-label={t('actions.label')}>
        {statement.canSign && (
          <Button className="primary" onPress={() => setDialog('sign')}>
            {t('action.sign')}
          </Button>
        )}
        {statement.canEndorse && <Button onPress={() => setDialog('endorse')}>{t('action.endorse')}</Button>}
        <Button onPress={() => navigate({ place: 'exchange', params: { ids: statement.id } })}>{t('action.export')}</Button>
        {statement.status === 'released' && signedByMe && text.button}
        <MenuTrigger>
          <Button>
            {t('action.write')} <span aria-hidden="true">▾</span>
          </Button>
          <Popover className="select-popover">
            <Menu className="select-list" onAction={(key) => write(key as WriteRelation)}>
              {relations.map((r) => (
                <MenuItem key={r} id={r} className="select-item">
                  {t(`write.${r}`)}
                </MenuItem>
              ))}
            </Menu>
          </Popover>
        </MenuTrigger>
      </div>
      {text.panel}
      {outcome && <SignedNote outcome={outcome} groups={groups} statement={statement} />}
      {dialog && (
        <SignDialog
          statement={statement}
          endorse={dialog === 'endorse'}
          choices={dialog === 'endorse' ? endorseFor : signFor}
          onClose={() => setDialog(null)}
          onSigned={(o) => {
            setDialog(null);
            setOutcome(o);
          }}
        />
      )}
    </div>
  );
}

/**
 * Whether a signature of mine counts on the statement (for an author or an endorsing group): the
 * plain-text export is signed with my own key, so it is offered only then (core refuses it otherwise).
 */
function useSignedByMe(id: string): boolean {
  const status = useChannel('vault:status', {});
  const report = useChannel('statements:verify', { id });
  const me = status.data?.identity?.sign;
  if (!me || !report.data) return false;
  return [...report.data.groups, ...report.data.endorsements].some((g) => g.signers.some((s) => s.key === me || s.memberId === me));
}

function SignDialog({ statement, endorse, choices, onClose, onSigned }: { statement: StatementView; endorse: boolean; choices: Choice[]; onClose: () => void; onSigned: (o: SignOutcome) => void }) {
  const { t } = useTranslation('statements');
  const [groupId, setGroupId] = useState<string | null>(choices.length === 1 ? (choices[0]?.groupId ?? null) : null);
  const sign = useAction('statements:sign', { invalidates: SIGNED, onSuccess: onSigned });
  const prefix = endorse ? 'endorse' : 'sign';
  const mustChoose = choices.length > 1 && groupId === null;
  return (
    <Dialog title={t(`${prefix}.title`)} isOpen onClose={onClose}>
      <p className="dialog-text">
        <bdi lang={statement.lang} className="quoted-title">
          {statement.title}
        </bdi>
      </p>
      <p className="dialog-text">{t(`${prefix}.body`)}</p>
      {verdictOf(statement) !== 'verified' && verdictOf(statement) !== 'waiting' && (
        <p className="careful">
          <StatusBadge statement={statement} /> {t(`${prefix}.careful`)}
        </p>
      )}
      {choices.length > 1 ? (
        <RadioGroup className="radio-group" value={groupId} onChange={setGroupId}>
          <Label>{t(`${prefix}.for`)}</Label>
          {choices.map((c) => (
            <Radio key={c.groupId} value={c.groupId} className="radio">
              <GroupName group={c} />
            </Radio>
          ))}
        </RadioGroup>
      ) : (
        choices[0] && (
          <p className="dialog-text">
            <span className="muted">{t(`${prefix}.for`)}: </span>
            <GroupName group={choices[0]} />
          </p>
        )
      )}
      {sign.error && <ErrorText error={sign.error} screen="statements" />}
      <div className="actions">
        <Button onPress={onClose}>{t('cancel', { ns: 'common' })}</Button>
        <Button
          className="primary"
          isDisabled={sign.isPending || mustChoose}
          onPress={() => sign.mutate({ id: statement.id, endorse, ...(groupId ? { groupId } : {}) })}
        >
          {sign.isPending ? t('sign.signing') : t(`${prefix}.confirm`)}
        </Button>
      </div>
    </Dialog>
  );
}

function SignedNote({ outcome, groups, statement }: { outcome: SignOutcome; groups: GroupSummary[] | undefined; statement: StatementView }) {
  const { t } = useTranslation('statements');
  const group = groups?.find((g) => g.groupId === outcome.groupId)?.name ?? statement.authors.find((a) => a.groupId === outcome.groupId)?.name ?? '';
  const values = { group, have: outcome.have, need: outcome.need, count: outcome.need };
  // A joint statement: this group may have all it needs while another author group has not signed yet.
  const key = outcome.role === 'endorsement' ? 'endorse.done' : outcome.released ? 'sign.done.released' : outcome.have >= outcome.need ? 'sign.done.groupDone' : 'sign.done.waiting';
  return (
    <p className="done-note" role="status">
      {t(key, values)}
    </p>
  );
}

const baseName = (p: string): string => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

/** The plain-text export: its button (for the row of actions) and what it says afterwards (below them). */
function useTextExport(statement: StatementView) {
  const { t } = useTranslation('statements');
  const [picking, setPicking] = useState(false);
  const [dir, setDir] = useState<string | null>(null);
  const [result, setResult] = useState<TextExportResult | null>(null);
  const save = useAction('text:export', { onSuccess: (r) => setResult(r) });
  const exists = save.error instanceof ApiError && save.error.code === 'interop.files-exist';

  const start = async () => {
    setResult(null);
    save.reset();
    if (inBrowserMode()) {
      setPicking(true);
      return;
    }
    const chosen = (await window.samizdatFiles?.folder()) ?? null;
    if (chosen) into(chosen);
  };
  const into = (folder: string) => {
    setDir(folder);
    save.mutate({ id: statement.id, dir: folder });
  };

  const button = (
    <Button onPress={() => void start()} isDisabled={save.isPending}>
      {save.isPending ? t('text.saving') : t('action.text')}
    </Button>
  );
  const panel = (
    <>
      <FolderPickerDialog
        isOpen={picking}
        title={t('text.title')}
        suggestedName={folderNameOf(statement.title)}
        onClose={() => setPicking(false)}
        onChoose={(folder) => {
          setPicking(false);
          into(folder);
        }}
      />
      <div className="text-export-outcome" role="status">
        {result && t('text.done', { dir: result.dir, files: result.files.map(baseName).join(', ') })}
      </div>
      {save.error && (
        <div className="text-export-error">
          <ErrorText error={save.error} screen="statements" />
          {exists && dir && (
            <Button className="danger" onPress={() => save.mutate({ id: statement.id, dir, force: true })}>
              {t('text.replace')}
            </Button>
          )}
        </div>
      )}
    </>
  );
  return { button, panel };
}
