// 3:5: error: non-static declaration of 'x' follows static declaration
static int x;
int x;
