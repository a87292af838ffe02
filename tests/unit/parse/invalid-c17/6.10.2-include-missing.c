// 1:10: error: no-such-header-here.h: No such file or directory
#include "no-such-header-here.h"
