// 1:34: error: decrement of read-only variable 'c'
void f(void) { const int c = 1; c--; }
