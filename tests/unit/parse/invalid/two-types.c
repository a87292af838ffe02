// 2:5: error: two or more data types in declaration specifiers
int double x;
