import { DownOutlined, FilterOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Drawer, Grid, Row, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordFilterFields, type FilterValues } from './RecordFilterFields.js';

interface Props {
  /** the filters the list shows now */
  applied: FilterValues;
  staff: boolean;
  onApply: (values: FilterValues) => void;
}

const NARROWING = [
  'topic',
  'employeeId',
  'interviewerId',
  'departmentId',
  'regionId',
  'templateId',
  'state',
] as const;

/** How many filters narrow the list: a date range is one, the order none. */
function activeCount(values: FilterValues): number {
  return NARROWING.filter((key) => values[key]).length + (values.from || values.to ? 1 : 0);
}

/**
 * The records list's filters, applied together by 查询 (not on every keystroke) and cleared by
 * 重置: in one bar that folds to its first row on a wide screen, in a drawer on a phone.
 */
export function RecordFilterBar({ applied, staff, onApply }: Props) {
  const { t } = useTranslation();
  const phone = Grid.useBreakpoint().md !== true;
  const [draft, setDraft] = useState(applied);
  const [generation, setGeneration] = useState(0);
  const [expanded, setExpanded] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  // the applied filters changed (a query, a reset, the back button): the form shows them
  const appliedKey = JSON.stringify(applied);
  const [seen, setSeen] = useState(appliedKey);
  if (appliedKey !== seen) {
    setSeen(appliedKey);
    setDraft(applied);
    setGeneration((n) => n + 1);
  }

  const query = () => {
    onApply({ ...draft, topic: draft.topic?.trim() || undefined });
    setDrawerOpen(false);
  };
  const reset = () => {
    onApply({});
    setDraft({});
    setGeneration((n) => n + 1);
    setDrawerOpen(false);
  };
  const fields = (firstRowOnly: boolean) => (
    <Row gutter={[12, 12]}>
      <RecordFilterFields
        values={draft}
        onChange={setDraft}
        staff={staff}
        firstRowOnly={firstRowOnly}
        onSubmit={query}
        generation={generation}
      />
    </Row>
  );
  const buttons = (
    <Space wrap>
      <Button type="primary" onClick={query} data-testid="records-query">
        {t('records.query')}
      </Button>
      <Button onClick={reset} data-testid="records-reset">
        {t('records.reset')}
      </Button>
    </Space>
  );

  if (phone) {
    return (
      <div className="filters">
        <Badge count={activeCount(applied)} size="small">
          <Button
            icon={<FilterOutlined />}
            onClick={() => setDrawerOpen(true)}
            data-testid="records-filters-open"
          >
            {t('records.filters')}
          </Button>
        </Badge>
        <Drawer
          open={drawerOpen}
          placement="bottom"
          size="85%"
          title={t('records.filters')}
          onClose={() => setDrawerOpen(false)}
          footer={buttons}
          data-testid="records-filters-drawer"
        >
          {fields(false)}
        </Drawer>
      </div>
    );
  }
  return (
    <Card size="small" className="filters" data-testid="records-filter-bar">
      {fields(!expanded)}
      <div className="filter-bar-actions">
        {buttons}
        <Button
          type="link"
          icon={expanded ? <UpOutlined /> : <DownOutlined />}
          onClick={() => setExpanded((open) => !open)}
          data-testid="records-filters-expand"
        >
          {expanded ? t('records.collapse') : t('records.expand')}
        </Button>
      </div>
    </Card>
  );
}
