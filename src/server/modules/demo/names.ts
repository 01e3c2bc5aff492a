/** Common surnames, roughly by frequency, and characters used in given names. */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单欧阳'.replace(
    '欧阳',
    '',
  ),
];
export const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛'];
export const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲建国文辉鹏飞宇浩然子涵欣怡梓轩思远佳琪雨彤俊杰晓东海燕志强丹丹嘉怡博文晨曦嘉豪一鸣若曦天佑雅婷振华立新春梅',
];

/** Cities of the plants (华东) and of the internet divisions (华南), with their English names. */
export const PLANT_CITIES = [
  ['上海', 'Shanghai'],
  ['苏州', 'Suzhou'],
  ['宁波', 'Ningbo'],
  ['无锡', 'Wuxi'],
  ['常州', 'Changzhou'],
  ['南通', 'Nantong'],
  ['嘉兴', 'Jiaxing'],
  ['合肥', 'Hefei'],
  ['芜湖', 'Wuhu'],
  ['绍兴', 'Shaoxing'],
  ['扬州', 'Yangzhou'],
  ['昆山', 'Kunshan'],
] as const;
export const INTERNET_CITIES = [
  ['深圳', 'Shenzhen'],
  ['广州', 'Guangzhou'],
  ['珠海', 'Zhuhai'],
  ['东莞', 'Dongguan'],
  ['佛山', 'Foshan'],
  ['南宁', 'Nanning'],
  ['海口', 'Haikou'],
  ['厦门', 'Xiamen'],
] as const;
