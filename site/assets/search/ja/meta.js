naskahSearch.meta("ja",{"chunk":200,"docs":4,"shards":1});
