// 1:5: error: floating constant in preprocessor expression
#if 1.0
#endif
