// 1:7: error: no macro name given in #ifdef directive
#ifdef
#endif
