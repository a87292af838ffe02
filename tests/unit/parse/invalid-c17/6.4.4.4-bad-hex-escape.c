// 1:9: error: \x used with no following hex digits
int c = '\x';
