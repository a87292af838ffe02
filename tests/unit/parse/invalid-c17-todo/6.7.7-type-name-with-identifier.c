// 1:29: error: expected ')' before 'x'
unsigned long n = sizeof(int x);
