// 3:2: error: #elif after #else
#if 1
#else
#elif 1
#endif
