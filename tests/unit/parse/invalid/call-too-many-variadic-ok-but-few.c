// 3:25: error: too few arguments to function 'printf'
int printf(const char *, ...);
int main(void) { return printf(); }
