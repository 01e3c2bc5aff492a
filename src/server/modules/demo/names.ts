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
