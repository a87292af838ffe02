// 2:13: error: 'z' undeclared here (not in a function)
int a[] = { z };
