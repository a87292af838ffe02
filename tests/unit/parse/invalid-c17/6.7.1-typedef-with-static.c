// 1:1: error: multiple storage classes in declaration specifiers
typedef static int T;
