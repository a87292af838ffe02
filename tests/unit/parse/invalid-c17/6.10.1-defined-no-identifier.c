// 1:13: error: operator "defined" requires an identifier
#if defined(1)
#endif
