// 2:26: error: invalid application of 'sizeof' to incomplete type 'int[]'
extern int a[];
unsigned long n = sizeof a;
