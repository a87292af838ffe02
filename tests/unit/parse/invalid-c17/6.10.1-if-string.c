// 1:5: error: token ""x"" is not valid in preprocessor expressions
#if "x"
#endif
