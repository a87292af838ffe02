// 1:6: error: both 'long' and 'char' in declaration specifiers
long char c;
