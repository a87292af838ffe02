// 1:5: error: missing ')' in expression
#if (1
#endif
