// 2:14: error: field name not in record or union initializer
int a[2] = { .x = 1 };
