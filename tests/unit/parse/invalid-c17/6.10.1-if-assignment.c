// 1:7: error: token "=" is not valid in preprocessor expressions
#if 1 = 1
#endif
