import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PerformanceEntry } from '../../../core/performance-file.js';
import type { Locale } from '../../../core/errors.js';
import { formatDate } from '../../format.js';
import { useLanguage } from '../../i18n/useLanguage.js';

type EChartsOption = import('echarts').EChartsOption;

/** A line chart drawn by ECharts, whose code loads only when a chart is on the page. */
function LineChart({ option, testId }: { option: EChartsOption; testId: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: import('echarts').ECharts | null = null;
    const resize = () => chart?.resize();
    void import('echarts').then((echarts) => {
      if (disposed || !host.current) return;
      chart = echarts.init(host.current, undefined, { renderer: 'svg' });
      chart.setOption(option);
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option]);
  return <div ref={host} className="performance-chart" data-testid={testId} />;
}

const dayOf = (entry: PerformanceEntry, language: Locale) =>
  formatDate(entry.interviewAt.slice(0, 10), language);

/** The overall rating over time, and each skill's level over time, from the file's entries. */
export function PerformanceCharts({ entries }: { entries: PerformanceEntry[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rated = entries.filter((e) => e.rating);
  const skillNames = [...new Set(entries.flatMap((e) => e.skills.map((s) => s.skill)))];
  const axis = { type: 'category' as const, axisLabel: { hideOverlap: true } };
  const grid = { left: 32, right: 16, top: 40, bottom: 32 };
  return (
    <>
      {rated.length > 0 && (
        <LineChart
          testId="rating-chart"
          option={{
            title: { text: t('performanceFile.ratingTrend'), textStyle: { fontSize: 14 } },
            tooltip: { trigger: 'axis' },
            grid,
            xAxis: { ...axis, data: rated.map((e) => dayOf(e, language)) },
            yAxis: { type: 'value', min: 0, max: Math.max(...rated.map((e) => e.rating!.max)) },
            series: [{ type: 'line', data: rated.map((e) => e.rating!.value) }],
          }}
        />
      )}
      {skillNames.length > 0 && (
        <LineChart
          testId="skills-chart"
          option={{
            title: { text: t('performanceFile.skillTrend'), textStyle: { fontSize: 14 } },
            tooltip: { trigger: 'axis' },
            legend: { type: 'scroll', bottom: 0 },
            grid: { ...grid, bottom: 56 },
            xAxis: {
              ...axis,
              data: entries.filter((e) => e.skills.length > 0).map((e) => dayOf(e, language)),
            },
            yAxis: { type: 'value', min: 0, minInterval: 1 },
            series: skillNames.map((name) => ({
              name,
              type: 'line',
              connectNulls: true,
              data: entries
                .filter((e) => e.skills.length > 0)
                .map((e) => e.skills.find((s) => s.skill === name)?.current ?? null),
            })),
          }}
        />
      )}
    </>
  );
}
