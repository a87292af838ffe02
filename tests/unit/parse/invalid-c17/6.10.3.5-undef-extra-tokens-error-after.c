// 1:7: error: no macro name given in #undef directive
#undef
