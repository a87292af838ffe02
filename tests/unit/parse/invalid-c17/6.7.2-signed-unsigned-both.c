// 1:8: error: both 'signed' and 'unsigned' in declaration specifiers
signed unsigned int x;
