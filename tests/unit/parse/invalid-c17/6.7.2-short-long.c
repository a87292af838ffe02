// 1:7: error: both 'long' and 'short' in declaration specifiers
short long x;
