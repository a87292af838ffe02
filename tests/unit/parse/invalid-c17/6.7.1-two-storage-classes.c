// 1:1: error: multiple storage classes in declaration specifiers
static extern int x;
