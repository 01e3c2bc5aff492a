import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SKILL_LEVELS, LIMITS, type Localized } from '../../core/templates/model.js';
import { LabelPair } from '../components/templates/LocalizedInput.js';
import { OptionRows } from '../components/templates/OptionRows.js';
import { Labeled } from '../components/templates/Labeled.js';
import { localized } from '../format.js';
import { useLanguage } from '../i18n/useLanguage.js';
import type { FieldKind, FieldOf } from './kind.js';
import { TableOrCards, type RowColumn } from './TableOrCards.js';
import { asArray, blank, missing, removeAt, replaceAt } from './values.js';

interface SkillDraftRow {
  skill: string;
  current: number | null;
  target: number | null;
}

interface SkillDisplayRow extends SkillDraftRow {
  proposed: boolean;
}

interface Matrix {
  skills: Localized[];
  levels: number;
  /** one per level, or all blank for none */
  anchors: Localized[];
}

type Field = FieldOf<'skillMatrix'>;

function isProposed(field: Field, row: SkillDraftRow): boolean {
  return field.skills.some((s) => s.zh === row.skill || (s.en !== '' && s.en === row.skill));
}

/**
 * The template's proposed skills come first, rated or not; rows the interviewer added follow.
 * Unrated proposals are suggestions and are not saved.
 */
function skillRows(field: Field, value: unknown, language: 'zh-CN' | 'en-US') {
  const rows = asArray<SkillDraftRow>(value);
  const used = new Set<number>();
  const display: SkillDisplayRow[] = field.skills.map((skill) => {
    const index = rows.findIndex(
      (r, i) => !used.has(i) && (r.skill === skill.zh || (skill.en !== '' && r.skill === skill.en)),
    );
    if (index >= 0) {
      used.add(index);
      return { ...rows[index]!, proposed: true };
    }
    return { skill: localized(skill, language), current: null, target: null, proposed: true };
  });
  rows.forEach((row, i) => {
    if (!used.has(i)) display.push({ ...row, proposed: false });
  });
  return display;
}

/** A level with what it means where the template says so: `3 · 独立操作`, else `3 级`. */
function useLevelName(field: Field) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (n: number) => {
    const anchor = field.anchors?.[n - 1];
    return anchor
      ? `${n} · ${localized(anchor, language)}`
      : t('record.skills.level', { n: String(n) });
  };
}

/** How many levels the skill still has to climb; reached (or passed) targets say so. */
function SkillGap({ row }: { row: SkillDraftRow }) {
  const { t } = useTranslation();
  if (missing(row.current) || missing(row.target)) return <>—</>;
  const gap = row.target! - row.current!;
  return gap > 0 ? (
    <Tag color="orange" data-testid="skill-gap">
      {t('record.skills.gap', { n: String(gap) })}
    </Tag>
  ) : (
    <Tag color="green" data-testid="skill-gap">
      {t('record.skills.achieved')}
    </Tag>
  );
}

/** Skills rated on the template's levels: where the employee is, and where it should get. */
export const skillMatrix: FieldKind<'skillMatrix', Matrix> = {
  Input: function SkillMatrixInput({ field, value, onChange }) {
    const { t } = useTranslation();
    const language = useLanguage();
    const levelName = useLevelName(field);
    const rows = skillRows(field, value, language);
    const emit = (next: SkillDisplayRow[]) =>
      onChange(next.map(({ skill, current, target }) => ({ skill, current, target })));
    const set = (index: number, patch: Partial<SkillDraftRow>) =>
      emit(replaceAt<SkillDisplayRow>(rows, index, patch));
    const levels = Array.from({ length: field.levels }, (_, i) => ({
      value: i + 1,
      label: levelName(i + 1),
    }));
    const level = (key: 'current' | 'target'): RowColumn<SkillDisplayRow> => ({
      title: t(`record.skills.${key}`),
      key,
      width: field.anchors ? 200 : 110,
      render: (row, index) => (
        <Select
          aria-label={`${t(`record.skills.${key}`)} ${row.skill}`}
          data-testid={`skill-${key}`}
          className={field.anchors ? 'level-select anchored' : 'level-select'}
          value={row[key] ?? undefined}
          options={levels}
          allowClear
          placeholder="—"
          onChange={(next?: number) => set(index, { [key]: next ?? null })}
        />
      ),
    });
    const columns: RowColumn<SkillDisplayRow>[] = [
      {
        title: t('record.skills.skill'),
        key: 'skill',
        width: 200,
        render: (row, index) =>
          row.proposed ? (
            row.skill
          ) : (
            <Input
              aria-label={`${t('record.skills.skill')} ${index + 1}`}
              data-testid="skill-name"
              value={row.skill}
              maxLength={LIMITS.shortText}
              onChange={(event) => set(index, { skill: event.target.value })}
            />
          ),
      },
      level('current'),
      level('target'),
      { title: t('record.skills.gapTitle'), key: 'gap', render: (row) => <SkillGap row={row} /> },
      {
        key: 'remove',
        width: 48,
        render: (row, index) =>
          !row.proposed && (
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('common.remove')} ${index + 1}`}
              onClick={() => emit(removeAt(rows, index))}
            />
          ),
      },
    ];
    return (
      <div>
        <TableOrCards rows={rows} columns={columns} emptyText={t('record.skills.empty')} />
        <div className="field-toolbar">
          <Button
            icon={<PlusOutlined />}
            data-testid="skill-add"
            disabled={rows.length >= LIMITS.rows}
            onClick={() =>
              emit([...rows, { skill: '', current: null, target: null, proposed: false }])
            }
          >
            {t('record.skills.addRow')}
          </Button>
        </div>
      </div>
    );
  },
  Display: function SkillMatrixValue({ field, value }) {
    const { t } = useTranslation();
    const levelName = useLevelName(field);
    const rows = asArray<SkillDraftRow>(value);
    const level = (n: number | null) => (n ? levelName(n) : '—');
    return (
      <TableOrCards
        rows={rows}
        emptyText={t('record.skills.empty')}
        columns={[
          { key: 'skill', title: t('record.skills.skill'), render: (row) => row.skill },
          {
            key: 'current',
            title: t('record.skills.current'),
            render: (row) => level(row.current),
          },
          {
            key: 'target',
            title: t('record.skills.target'),
            render: (row) => level(row.target),
          },
          {
            key: 'gap',
            title: t('record.skills.gapTitle'),
            render: (row) => <SkillGap row={row} />,
          },
        ]}
      />
    );
  },
  // A proposed skill nobody rated yet is a suggestion, not content.
  normalize: (field, value) =>
    asArray<SkillDraftRow>(value).filter(
      (r) => !(missing(r.current) && missing(r.target) && (blank(r.skill) || isProposed(field, r))),
    ),
  columnLabel: (t, column) =>
    column === 'skill' || column === 'current' || column === 'target'
      ? t(`record.skills.${column}`)
      : column,
  settings: {
    initial: () => ({ skills: [], levels: DEFAULT_SKILL_LEVELS, anchors: [] }),
    read: (field) => ({
      skills: field.skills.map((s) => ({ ...s })),
      levels: field.levels,
      anchors: (field.anchors ?? []).map((a) => ({ ...a })),
    }),
    write: ({ skills, levels, anchors }) => {
      const trimmed = Array.from({ length: levels }, (_, i) => ({
        zh: anchors[i]?.zh.trim() ?? '',
        en: anchors[i]?.en.trim() ?? '',
      }));
      return {
        skills: skills.map((s) => ({ zh: s.zh.trim(), en: s.en.trim() })),
        levels,
        ...(trimmed.some((a) => a.zh || a.en) ? { anchors: trimmed } : {}),
      };
    },
    Editor: function MatrixEditor({ value, onChange }) {
      const { t } = useTranslation();
      const anchor = (i: number) => value.anchors[i] ?? { zh: '', en: '' };
      return (
        <div className="builder-options">
          <Labeled label={t('builder.levels')}>
            <InputNumber
              aria-label={t('builder.levels')}
              className="number-input"
              inputMode="numeric"
              min={LIMITS.minSkillLevels}
              max={LIMITS.maxSkillLevels}
              precision={0}
              value={value.levels}
              onChange={(levels) => onChange({ ...value, levels: levels ?? DEFAULT_SKILL_LEVELS })}
            />
          </Labeled>
          <div className="builder-options-title">{t('builder.anchors')}</div>
          {Array.from({ length: value.levels }, (_, i) => (
            <div className="builder-option-row" key={i}>
              <LabelPair
                name={t('record.skills.level', { n: String(i + 1) })}
                value={anchor(i)}
                onChange={(next) =>
                  onChange({
                    ...value,
                    anchors: Array.from({ length: value.levels }, (_, j) =>
                      j === i ? next : anchor(j),
                    ),
                  })
                }
              />
            </div>
          ))}
          <OptionRows
            title={t('builder.skills')}
            items={value.skills}
            onChange={(skills) => onChange({ ...value, skills })}
            max={LIMITS.rows}
            addLabel={t('builder.addSkill')}
            newItem={() => ({ zh: '', en: '' })}
            row={(skill, set) => (
              <LabelPair name={t('builder.skill')} value={skill} onChange={set} />
            )}
          />
        </div>
      );
    },
  },
};
