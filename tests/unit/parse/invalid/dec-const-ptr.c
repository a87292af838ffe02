// 2:40: error: decrement of read-only location '*p'
int main(void) { const int *p = 0; (*p)--; return 0; }
