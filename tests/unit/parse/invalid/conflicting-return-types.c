// 3:6: error: conflicting types for 'f'; have 'int *(void)'
char *f(void);
int *f(void);
