// 1:10: error: both 'unsigned' and 'float' in declaration specifiers
unsigned float f;
