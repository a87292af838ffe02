// 1:5: error: static or type qualifiers in non-parameter array declarator
int a[static 3];
