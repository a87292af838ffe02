// 1:7: error: both 'short' and 'double' in declaration specifiers
short double d;
