// 1:7: error: division by zero in #if
#if 1 / 0
#endif
