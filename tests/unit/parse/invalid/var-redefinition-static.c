// 3:12: error: redefinition of 'x'
static int x = 1;
static int x = 2;
