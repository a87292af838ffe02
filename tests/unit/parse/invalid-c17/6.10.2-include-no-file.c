// 1:9: error: #include expects "FILENAME" or <FILENAME>
#include
