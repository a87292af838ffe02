// 3:12: error: redefinition of 'f'
static int f(void) { return 0; }
static int f(void) { return 1; }
