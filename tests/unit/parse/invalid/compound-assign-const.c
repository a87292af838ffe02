// 2:37: error: assignment of read-only variable 'x'
int main(void) { const int x = 0; x += 1; return x; }
