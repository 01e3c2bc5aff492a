import { Descriptions, Grid, type DescriptionsProps } from 'antd';

/**
 * Labelled facts (antd Descriptions). On a phone each label sits above its value: side by side,
 * a long English label beside a department's path did not fit the screen.
 */
export function InfoList(props: DescriptionsProps) {
  const screens = Grid.useBreakpoint();
  return <Descriptions layout={screens.sm ? 'horizontal' : 'vertical'} {...props} />;
}
