// 1:6: error: two or more data types in declaration specifiers
void int x;
