// Writing a statement: a new one, or a translation of, an introduction to, a revision of, a response
// to or a retraction of another (its title and language shown above the form). Title, language,
// date, author groups (several: a joint statement), the text in light Markdown with its preview
// drawn exactly as the Statements place draws a body, and attached files. What stops it from being
// saved is said in words before anything is sent, with focus on the first field concerned; what the
// app refuses is said in this screen's words. Saved, it opens as a draft to sign and send.

import { useDeferredValue, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, CheckboxGroup, FieldError, Input, Label, Link, Text, TextArea, TextField } from 'react-aria-components';
import type { GroupSummary, StatementView } from '../../../shared/view-models.js';
import { ErrorText } from '../../components/ErrorText.js';
import { GroupName } from '../../components/GroupName.js';
import { PageHeading } from '../../components/PageHeading.js';
import { StatementBody } from '../../components/StatementBody.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useAction, useChannel } from '../../data/query.js';
import { useRoute } from '../../shell/route.js';
import { useIntlWords } from '../statements/words.js';
import { Attachments } from './Attachments.js';
import { initialFields, languageTag, problemsOf, SAVED_PARAM, type DraftFields, type Field, type Problem, type StartingPoint } from './compose.js';
import { DraftsNote } from './Drafts.js';
import { LanguageField } from './LanguageField.js';

/** What saving a statement changes in what the other places show. */
const CREATED = ['statements:list', 'statements:languages', 'statements:show'] as const;

export function Compose({ start }: { start: StartingPoint | null }) {
  const { t, i18n } = useTranslation('write');
  const groups = useChannel('groups:list', {});
  const target = useChannel('statements:show', { id: start?.target ?? '' }, { enabled: start !== null });
  const mine = (groups.data ?? []).filter((g) => g.mine);
  // The form starts once what it proposes is known: my groups, and the statement it relates to.
  const ready = groups.data !== undefined && (start === null || target.data !== undefined || target.error !== null);
  return (
    <div className="compose">
      <PageHeading>{start ? t(`heading.${start.kind}`) : t('title')}</PageHeading>
      {!start && <DraftsNote />}
      {start && <RelatedTo start={start} target={target.data} error={target.error} />}
      {groups.error && <ErrorText error={groups.error} screen="write" />}
      {!ready && !groups.error && <p className="muted">{t('loading', { ns: 'common' })}</p>}
      {ready && mine.length === 0 && <NoGroups />}
      {ready && mine.length > 0 && (
        <ComposeForm
          start={start}
          mine={mine}
          initial={initialFields(
            start?.kind ?? null,
            target.data ?? null,
            mine.map((g) => g.groupId),
            i18n.language,
          )}
        />
      )}
    </div>
  );
}

/** The statement this one relates to: its title (a link to it), language and badge; its text to consult. */
function RelatedTo({ start, target, error }: { start: StartingPoint; target: StatementView | undefined; error: Error | null }) {
  const { t } = useTranslation('write');
  const { navigate } = useRoute();
  const words = useIntlWords();
  return (
    <div className="related-to" data-relation={start.kind}>
      <p className="related-title">
        <span className="muted">{t(`relation.${start.kind}`)} </span>
        {target ? (
          <>
            <Link className="inline-link" onPress={() => navigate({ place: 'statements', id: target.id })}>
              <bdi lang={target.lang}>{target.title}</bdi>
            </Link>{' '}
            <span className="muted">({words.language(target.lang)})</span> <StatusBadge statement={target} />
          </>
        ) : (
          !error && <span className="muted">{t('loading', { ns: 'common' })}</span>
        )}
      </p>
      {error && <ErrorText error={error} screen="write" />}
      <p className="muted">{t(`relation.${start.kind}.hint`)}</p>
      {target && target.body.trim() !== '' && (
        <details className="write-original">
          <summary>{t('relation.original')}</summary>
          <StatementBody body={target.body} lang={target.lang} />
        </details>
      )}
    </div>
  );
}

function NoGroups() {
  const { t } = useTranslation('write');
  const { navigate } = useRoute();
  return (
    <div className="empty">
      <p>{t('groups.none')}</p>
      <div className="actions">
        <Button className="primary" onPress={() => navigate({ place: 'groups' })}>
          {t('groups.none.action')}
        </Button>
      </div>
    </div>
  );
}

function ComposeForm({ start, mine, initial }: { start: StartingPoint | null; mine: GroupSummary[]; initial: DraftFields }) {
  const { t } = useTranslation('write');
  const { navigate } = useRoute();
  const words = useIntlWords();
  const [fields, setFields] = useState<DraftFields>(initial);
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<DraftFields>) => setFields((f) => ({ ...f, ...patch }));
  const create = useAction('statements:create', {
    invalidates: CREATED,
    onSuccess: ({ id }) => navigate({ place: 'write', id, params: { [SAVED_PARAM]: '1' } }),
  });
  const body = useDeferredValue(fields.body);
  const summaryId = useId();

  // Said only once the person tried to save; then kept up to date as she corrects.
  const problems = checked ? problemsOf(fields) : [];
  // The words of each field's first problem ('' for none).
  const said: Record<Field, string> = { title: '', lang: '', date: '', authors: '', body: '', attachments: '' };
  for (const p of [...problems].reverse()) said[p.field] = t(p.key, p.values ?? {});

  const focusers = useRef<Partial<Record<Field, () => void>>>({});
  const register = (field: Field) => (el: HTMLElement | null) => {
    if (el) focusers.current[field] = () => (el.matches('input, textarea, button') ? el : el.querySelector<HTMLElement>('input, textarea, button'))?.focus();
  };

  const save = () => {
    setChecked(true);
    create.reset();
    const found = problemsOf(fields);
    if (found.length > 0) {
      focusers.current[(found[0] as Problem).field]?.();
      return;
    }
    create.mutate({
      authors: [...fields.authors],
      title: fields.title.trim(),
      lang: languageTag(fields.lang) as string,
      date: fields.date.trim(),
      body: fields.body,
      relations: start ? [{ kind: start.kind, target: start.target }] : [],
      attachments: fields.attachments.map((a) => a.path),
    });
  };

  const fieldNames = [...new Set(problems.map((p) => p.field))].map((f) => t(`check.${f}`));

  return (
    <div className="compose-form">
      <TextField className="field" value={fields.title} onChange={(title) => set({ title })} isInvalid={said.title !== ''} validationBehavior="aria">
        <Label>{t('field.title')}</Label>
        <Input ref={register('title')} />
        <FieldError className="error">{said.title}</FieldError>
      </TextField>

      <div className="compose-row">
        <LanguageField value={fields.lang} onChange={(lang) => set({ lang })} problem={said.lang} register={register('lang')} />
        <TextField className="field date-field" value={fields.date} onChange={(date) => set({ date })} isInvalid={said.date !== ''} validationBehavior="aria">
          <Label>{t('field.date')}</Label>
          <Input ref={register('date')} />
          <Text slot="description">{t('field.date.hint')}</Text>
          <FieldError className="error">{said.date}</FieldError>
        </TextField>
      </div>

      <CheckboxGroup
        className="field authors-field"
        value={[...fields.authors]}
        onChange={(authors) => set({ authors })}
        isInvalid={said.authors !== ''}
        validationBehavior="aria"
        ref={register('authors')}
      >
        <Label className="field-label">{t('field.authors')}</Label>
        <div className="author-choices">
          {mine.map((g) => (
            <Checkbox key={g.groupId} value={g.groupId} className="write-checkbox">
              <span className="write-checkbox-box" aria-hidden="true" />
              <GroupName group={{ name: g.name, trust: g.state }} />
              <span className="muted"> {t('authors.threshold', { have: g.releaseThreshold, count: g.members })}</span>
            </Checkbox>
          ))}
        </div>
        {mine.length > 1 && <Text slot="description">{t('field.authors.hint')}</Text>}
        <FieldError className="error">{said.authors}</FieldError>
      </CheckboxGroup>

      <div className="body-and-preview">
        <TextField className="field body-field" value={fields.body} onChange={(b) => set({ body: b })} isInvalid={said.body !== ''} validationBehavior="aria">
          <Label>{t('field.body')}</Label>
          <TextArea ref={register('body')} rows={14} lang={languageTag(fields.lang) ?? undefined} spellCheck />
          <Text slot="description">{t('field.body.hint')}</Text>
          <FieldError className="error">{said.body}</FieldError>
        </TextField>
        <section className="write-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('preview.heading')}</h2>
          {body.trim() === '' ? <p className="muted">{t('preview.empty')}</p> : <StatementBody body={body} lang={languageTag(fields.lang) ?? 'und'} />}
        </section>
      </div>

      <Attachments value={fields.attachments} onChange={(attachments) => set({ attachments })} problem={said.attachments} register={register('attachments')} />

      {problems.length > 0 && (
        <p className="error compose-problems" role="alert" id={summaryId}>
          {t('problems.summary', { count: fieldNames.length, fields: words.list(fieldNames) })}
        </p>
      )}
      {create.error && <ErrorText error={create.error} screen="write" />}
      <div className="actions">
        <Button className="primary" onPress={save} isDisabled={create.isPending} aria-describedby={problems.length > 0 ? summaryId : undefined}>
          {create.isPending ? t('save.saving') : t('save')}
        </Button>
        <span className="muted">{t('save.hint')}</span>
      </div>
    </div>
  );
}
