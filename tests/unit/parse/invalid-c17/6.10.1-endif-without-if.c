// 2:2: error: #endif without #if
int x;
#endif
