// 1:4: error: #if with no expression
#if
#endif
int x;
