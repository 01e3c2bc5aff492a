import { Grid, Table } from 'antd';
import type { ReactNode } from 'react';

export interface RowColumn<Row> {
  key: string;
  /** no title: a column of actions (remove), shown at the end of a card */
  title?: string;
  width?: number;
  render: (row: Row, index: number) => ReactNode;
}

interface Props<Row> {
  rows: Row[];
  columns: RowColumn<Row>[];
  emptyText: ReactNode;
}

/**
 * The rows of a table field (KPIs, skills): a table on wide screens, and on a phone one card per
 * row with each value under its column's name, as a table would not fit beside its labels.
 */
export function TableOrCards<Row extends object>({ rows, columns, emptyText }: Props<Row>) {
  const screens = Grid.useBreakpoint();
  if (screens.md === false) {
    if (rows.length === 0) return <div className="row-cards-empty muted">{emptyText}</div>;
    const labelled = columns.filter((c) => c.title !== undefined);
    const actions = columns.filter((c) => c.title === undefined);
    return (
      <ol className="row-cards">
        {rows.map((row, index) => (
          <li className="row-card" data-testid="row-card" key={index}>
            <dl>
              {labelled.map((column) => (
                <div className="row-card-item" key={column.key}>
                  <dt>{column.title}</dt>
                  <dd>{column.render(row, index)}</dd>
                </div>
              ))}
            </dl>
            {actions.length > 0 && (
              <div className="row-card-actions">
                {actions.map((column) => (
                  <span key={column.key}>{column.render(row, index)}</span>
                ))}
              </div>
            )}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <Table<Row>
      rowKey={(row) => rows.indexOf(row)}
      columns={columns.map((column) => ({
        key: column.key,
        title: column.title,
        width: column.width,
        render: (_: unknown, row: Row, index: number) => column.render(row, index),
      }))}
      dataSource={rows}
      pagination={false}
      size="small"
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
    />
  );
}
