// 2:43: error: first argument to 'va_arg' not of type 'va_list'
int f(int n) { return __builtin_va_arg(n, int); }
